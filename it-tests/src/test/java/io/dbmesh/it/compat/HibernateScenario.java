package io.dbmesh.it.compat;

import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What an application on Hibernate does, as canonical lines: hbm2ddl {@code update} of two
 * entities mapped onto the orders example's {@code t_user} and {@code t_order} (bound on
 * {@code user_id} when sharded), CRUD, a JPQL join with an aggregate, pagination, a bulk update
 * and a bulk delete. Run on MariaDB itself and through the sidecar, the lines must be equal.
 */
final class HibernateScenario {

    @Entity(name = "User")
    @Table(name = "t_user")
    static class User {
        @Id
        @Column(name = "user_id")
        Long id;
        @Column(length = 64)
        String name;
        @Column(name = "region_id")
        Integer regionId;
        @Column(precision = 12, scale = 2)
        BigDecimal balance;

        protected User() {
        }

        User(long id, String name, Integer regionId, String balance) {
            this.id = id;
            this.name = name;
            this.regionId = regionId;
            this.balance = balance == null ? null : new BigDecimal(balance);
        }
    }

    @Entity(name = "Order")
    @Table(name = "t_order")
    static class Order {
        /** IDENTITY: AUTO_INCREMENT on MariaDB, the sidecar's snowflake key when sharded (never printed). */
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        @Column(name = "order_id")
        Long id;
        // no FOREIGN KEY constraint: the sharded example refuses named ones (Hibernate names them)
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "user_id", foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
        User user;
        @Column(length = 16)
        String status;
        @Column(precision = 12, scale = 2)
        BigDecimal amount;

        protected Order() {
        }

        Order(User user, String status, String amount) {
            this.user = user;
            this.status = status;
            this.amount = new BigDecimal(amount);
        }
    }

    private HibernateScenario() {
    }

    static SessionFactory sessionFactory(String jdbcUrl, String hbm2ddl) {
        return new Configuration()
                .addAnnotatedClass(User.class)
                .addAnnotatedClass(Order.class)
                .setProperty("hibernate.connection.url", jdbcUrl)
                .setProperty("hibernate.connection.username", "root")
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.hbm2ddl.auto", hbm2ddl)
                .setProperty("hibernate.hbm2ddl.halt_on_error", "true")
                .setProperty("hibernate.connection.pool_size", "2")
                .buildSessionFactory();
    }

    /** Runs the scenario on {@code jdbcUrl} (a database whose t_user / t_order are empty or missing). */
    static List<String> run(String jdbcUrl) {
        return run(jdbcUrl, "update");
    }

    /** @param hbm2ddl {@code update}, or {@code none} where the tables exist already */
    static List<String> run(String jdbcUrl, String hbm2ddl) {
        List<String> out = new ArrayList<>();
        try (SessionFactory sf = sessionFactory(jdbcUrl, hbm2ddl)) {
            out.add("session factory built");
            sf.inTransaction(s -> {
                s.createMutationQuery("delete from Order").executeUpdate();
                s.createMutationQuery("delete from User").executeUpdate();
            });
            sf.inTransaction(s -> {
                User[] users = {new User(1, "ann", 1, "10.00"), new User(2, "bob o'brien", 2, "20.50"), new User(3, "cid \\ back", null, null),
                        new User(4, "dee \uD83D\uDE00", 2, "7.25"), new User(5, "eve", 1, "0"), new User(6, "fay", 3, "1.10")};
                for (User u : users) s.persist(u);
                String[][] orders = {{"1", "paid", "5.00"}, {"2", "paid", "7.50"}, {"2", "new", "1.25"}, {"3", "new", "3.00"},
                        {"4", "paid", "10.00"}, {"5", "void", "2.00"}, {"6", "paid", "4.40"}};
                for (String[] o : orders) s.persist(new Order(users[Integer.parseInt(o[0]) - 1], o[1], o[2]));
            });
            sf.inTransaction(s -> {
                User bob = s.find(User.class, 2L);
                out.add("find 2: " + bob.name + " " + bob.balance);
                bob.balance = bob.balance.add(BigDecimal.ONE);
                s.remove(s.find(User.class, 6L));
            });
            sf.inSession(s -> {
                out.add("user 6 after remove: " + s.find(User.class, 6L));
                out.add("bob after update: " + s.find(User.class, 2L).balance);
                for (Order o : s.createSelectionQuery("select o from Order o join o.user u where u.regionId = :r order by o.amount", Order.class)
                        .setParameter("r", 2).getResultList()) {
                    out.add("join region 2: " + o.user.name + " " + o.status + " " + o.amount);
                }
                for (Object[] row : s.createSelectionQuery("select u.name, count(o), sum(o.amount) from Order o join o.user u"
                        + " group by u.name order by u.name", Object[].class).getResultList()) {
                    out.add("per user: " + row[0] + " " + row[1] + " " + row[2]);
                }
                List<Long> page = s.createSelectionQuery("select u.id from User u order by u.id", Long.class)
                        .setFirstResult(2).setMaxResults(2).getResultList();
                out.add("page 2 of 2: " + page);
                out.add("count paid: " + s.createSelectionQuery("select count(o) from Order o where o.status = 'paid'", Long.class).getSingleResult());
            });
            sf.inTransaction(s -> {
                out.add("bulk update: " + s.createMutationQuery("update User u set u.balance = u.balance + 1 where u.id in :ids")
                        .setParameter("ids", List.of(1L, 3L, 5L)).executeUpdate());
                out.add("bulk delete orders: " + s.createMutationQuery("delete from Order o where o.user.id in :ids")
                        .setParameter("ids", List.of(1L, 2L)).executeUpdate());
                out.add("bulk delete by status: " + s.createMutationQuery("delete from Order o where o.status = :st")
                        .setParameter("st", "void").executeUpdate());
            });
            sf.inSession(s -> {
                for (Object[] row : s.createSelectionQuery("select u.id, u.balance from User u order by u.id", Object[].class).getResultList()) {
                    out.add("user: " + row[0] + " " + row[1]);
                }
                out.add("orders left: " + s.createSelectionQuery("select count(o) from Order o", Long.class).getSingleResult());
            });
        }
        return out;
    }
}
